'use strict';
// The grammar highlights exactly the catalogue's built-ins: its generated rules must be what
// scripts/catalog.js makes of docs/catalog.md. HYP_UPDATE_BASELINES=1 rewrites them in place.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { generatedRules, readCatalog, readKeywords } = require('../scripts/catalog.js');

const grammarPath = path.join(__dirname, '..', 'syntaxes', 'hyp.tmLanguage.json');
const updating = process.env.HYP_UPDATE_BASELINES === '1';

test('the grammar names every built-in of the catalogue, and nothing else', () => {
  const grammar = JSON.parse(fs.readFileSync(grammarPath, 'utf8'));
  const expected = generatedRules();
  if (updating) {
    Object.assign(grammar.repository, expected);
    fs.writeFileSync(grammarPath, JSON.stringify(grammar, null, 2) + '\n');
    return;
  }
  for (const [rule, value] of Object.entries(expected)) {
    assert.deepEqual(grammar.repository[rule], value,
      `syntaxes/hyp.tmLanguage.json's '${rule}' rule is not what docs/catalog.md lists: run 'npm test' in editors/vscode with HYP_UPDATE_BASELINES=1 and review the diff`);
  }
});

test('the catalogue reader finds the sections the grammar relies on', () => {
  const catalog = readCatalog();
  assert.ok(catalog.layer.includes('conv'));
  assert.ok(catalog.optimizer.includes('adamw'));
  assert.ok(catalog.settings.includes('epochs'));
  assert.ok(catalog.metric.includes('val_accuracy'));
});

test('a catalogue section the grammar does not know is an error, not a silent gap', () => {
  assert.throws(() => readCatalog('## Layers\n\n| `conv` | |\n\n## Widgets (`model`)\n\n| `knob` | |\n'), /Widgets/);
});

test('the grammar highlights every keyword of the lexer', () => {
  const grammar = JSON.parse(fs.readFileSync(grammarPath, 'utf8'));
  const rules = JSON.stringify([grammar.repository.keywords, grammar.repository.declarations, grammar.repository.numbers]);
  const { hard, soft } = readKeywords();
  const missing = [...hard, ...soft].filter((k) => !new RegExp(`[(|]${k}[|)]`).test(rules));
  assert.deepEqual(missing, [], 'keywords of grammar/HypLexer.g4 that syntaxes/hyp.tmLanguage.json does not highlight');
});
