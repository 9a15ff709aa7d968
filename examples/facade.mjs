// raci-lint's façade, as the command uses it: configuration files found per file, a report format by
// name, and fixes written only when asked. Run with `node examples/facade.mjs` after `npm ci`.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RaciLint } from "raci-lint";

const cwd = mkdtempSync(join(tmpdir(), "raci-lint-facade-"));
// A team's configuration: code-order is off for everything in this folder.
writeFileSync(join(cwd, "raci-lint.config.yaml"), "rules:\n  code-order: off\n");
writeFileSync(
  join(cwd, "backups.md"),
  `## Backups

| Activity            | Client | Cloud Temple |
|---------------------|--------|--------------|
| Define the policy   | AR     | C            |
| Run the backups     | RR     | RA           |
`,
);

const linter = new RaciLint({ cwd });
const results = await linter.lintFiles(["."]);
const stylish = await linter.loadFormatter("stylish");
process.stdout.write(stylish.format(results));

// Safe fixes: computed by a linter made with `fix: true`, written by `outputFixes`.
const fixer = new RaciLint({ cwd, fix: true });
await fixer.outputFixes(await fixer.lintFiles(["backups.md"]));
console.log(readFileSync(join(cwd, "backups.md"), "utf8").split("\n")[5]);
