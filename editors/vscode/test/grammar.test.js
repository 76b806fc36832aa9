'use strict';
// Highlighting of every example and of the tricky snippets in test/snippets/, against the
// baselines in test/baselines/ (one line per token: position, text, scopes). A difference fails;
// HYP_UPDATE_BASELINES=1 rewrites the baselines, to be reviewed in the diff like any other.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { describeTokens } = require('./tokenize.js');

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const baselineRoot = path.join(__dirname, 'baselines');
const updating = process.env.HYP_UPDATE_BASELINES === '1';

function hypFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return hypFiles(full);
    return entry.name.endsWith('.hyp') ? [full] : [];
  }).sort();
}

// Each input and the baseline beside it: examples/a/b.hyp -> baselines/examples/a/b.tokens.txt.
const inputs = [
  ...hypFiles(path.join(repoRoot, 'examples')).map((file) => ({ file, name: path.relative(repoRoot, file) })),
  ...hypFiles(path.join(__dirname, 'snippets')).map((file) => ({ file, name: path.join('snippets', path.relative(path.join(__dirname, 'snippets'), file)) })),
];
const baselineOf = (name) => path.join(baselineRoot, name.replace(/\.hyp$/, '.tokens.txt'));

test('there are examples and snippets to tokenise', () => {
  assert.ok(inputs.some((i) => i.name.startsWith('examples')), 'no .hyp files under examples/');
  assert.ok(inputs.some((i) => i.name.startsWith('snippets')), 'no .hyp files under test/snippets/');
});

for (const { file, name } of inputs) {
  test(`${name.split(path.sep).join('/')} highlights as its baseline says`, async () => {
    const actual = await describeTokens(fs.readFileSync(file, 'utf8'));
    const baseline = baselineOf(name);
    if (updating) {
      fs.mkdirSync(path.dirname(baseline), { recursive: true });
      fs.writeFileSync(baseline, actual);
      return;
    }
    assert.ok(fs.existsSync(baseline), `no baseline ${path.relative(repoRoot, baseline)}: run the tests with HYP_UPDATE_BASELINES=1 and review it`);
    assert.equal(actual, fs.readFileSync(baseline, 'utf8'),
      `${name} tokenises differently from ${path.relative(repoRoot, baseline)}; if the change is meant, run the tests with HYP_UPDATE_BASELINES=1 and review the diff`);
  });
}

test('every baseline belongs to an example or a snippet', () => {
  const wanted = new Set(inputs.map((i) => baselineOf(i.name)));
  const stale = fs.existsSync(baselineRoot)
    ? hypBaselines(baselineRoot).filter((b) => !wanted.has(b))
    : [];
  if (updating) { stale.forEach((b) => fs.rmSync(b)); return; }
  assert.deepEqual(stale.map((b) => path.relative(repoRoot, b)), [], 'baselines without an input: delete them (HYP_UPDATE_BASELINES=1 does)');
});

function hypBaselines(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return hypBaselines(full);
    return entry.name.endsWith('.tokens.txt') ? [full] : [];
  });
}
