/**
 * The auditor's matching, shared by the corpus scores (wild-score.mjs, spreadsheet-score.mjs): each
 * finding takes the first expectation not yet taken with its rule, at its place (`samePlace`), and
 * its party and activity where both name one. Returns the findings right and wrong, and the
 * expectations missed.
 */
export function matchFindings(found, expected, samePlace) {
  const wanted = (expected ?? []).map((w) => ({ ...w, matched: false }));
  const right = [];
  const wrong = [];
  for (const f of found) {
    const match = wanted.find(
      (w) =>
        !w.matched &&
        w.rule === f.ruleId &&
        samePlace(w, f) &&
        (w.party === undefined || f.party === null || w.party === f.party) &&
        (w.activity === undefined || f.activity === null || w.activity === f.activity),
    );
    if (match) {
      match.matched = true;
      right.push(f);
    } else wrong.push(f);
  }
  return { right, wrong, missed: wanted.filter((w) => !w.matched) };
}
