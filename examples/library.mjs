// raci-lint as a library: lint a matrix given as text, look at the findings, apply the safe fixes.
// Run with `node examples/library.mjs` after `npm ci` (which builds dist/).
import { buildReport, formatStylish, lintText } from "raci-lint";

const matrix = `## Backups

| Activity            | Client | Cloud Temple |
|---------------------|--------|--------------|
| Define the policy   | AR     | C            |
| Run the backups     |        | RA           |
`;

const result = await lintText(matrix, { filename: "backups.md" });
for (const finding of result.findings) {
  console.log(`${finding.line}:${finding.column} ${finding.severity} ${finding.ruleId}: ${finding.message}`);
}

// Fixes are text edits on the source; apply the safe ones, last first so offsets stay valid.
let fixed = matrix;
for (const { fix } of [...result.findings].reverse()) {
  if (fix) fixed = fixed.slice(0, fix.range[0]) + fix.text + fixed.slice(fix.range[1]);
}
console.log(fixed.split("\n")[4]);

// The same report the CLI prints.
process.stdout.write(formatStylish(buildReport([{ path: result.path, findings: result.findings }]), { color: false }));
