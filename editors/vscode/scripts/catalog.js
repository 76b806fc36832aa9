'use strict';
// The grammar's built-in names come from docs/catalog.md, which the compiler's tests generate from
// the one catalogue (src/HyperDsl.Compiler/Catalog/BuiltinCatalog.cs). Reading that page keeps the
// highlighting in step with the language without a second hand-kept list:
// test/builtins.test.js fails when the grammar and the page disagree.
const fs = require('node:fs');
const path = require('node:path');

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const catalogPath = path.join(repoRoot, 'docs', 'catalog.md');
const lexerPath = path.join(repoRoot, 'grammar', 'HypLexer.g4');

/** The lexer's keywords: { hard: [...], soft: [...] }, from the two keyword blocks of HypLexer.g4. */
function readKeywords(text = fs.readFileSync(lexerPath, 'utf8')) {
  const keywords = { hard: [], soft: [] };
  let current = null;
  for (const line of text.split(/\r?\n/)) {
    if (/^\/\/ -+ keywords \(hard/.test(line)) current = keywords.hard;
    else if (/^\/\/ -+ soft keywords/.test(line)) current = keywords.soft;
    else if (/^\/\/ -+/.test(line)) current = null;
    else if (current) {
      const rule = /^[A-Z_]+\s*:\s*'([a-z_]+)'\s*;/.exec(line);
      if (rule) current.push(rule[1]);
    }
  }
  if (keywords.hard.length === 0 || keywords.soft.length === 0) throw new Error(`no keywords found in ${lexerPath}; has its layout changed?`);
  return keywords;
}

// Each catalogue section becomes one grammar rule with its own scope, so themes can tell a layer
// from an optimizer. The order is the order the rules are tried in: a name in two sections (such
// as `resize`, a data setting and a transform) takes the first section's scope.
const kinds = [
  { key: 'function', title: /^Functions\b/, scope: 'support.function.builtin.hyp' },
  { key: 'distribution', title: /^Distributions\b/, scope: 'support.function.distribution.hyp' },
  { key: 'layer', title: /^Layers\b/, scope: 'support.function.layer.hyp' },
  { key: 'backbone', title: /^Backbones\b/, scope: 'support.class.backbone.hyp' },
  { key: 'transform', title: /^Transforms\b/, scope: 'support.function.transform.hyp' },
  { key: 'source', title: /^Data sources\b/, scope: 'support.function.source.hyp' },
  { key: 'loss', title: /^Losses\b/, scope: 'support.function.loss.hyp' },
  { key: 'optimizer', title: /^Optimizers\b/, scope: 'support.function.optimizer.hyp' },
  { key: 'schedule', title: /^Schedules\b/, scope: 'support.function.schedule.hyp' },
  { key: 'sampler', title: /^Samplers\b/, scope: 'support.function.sampler.hyp' },
  { key: 'pruner', title: /^Pruners\b/, scope: 'support.function.pruner.hyp' },
  { key: 'metric', title: /^Metrics\b/, scope: 'support.constant.metric.hyp' },
];
const settingTitle = /^`(data|train|tune)` settings$/;

/** The catalogue's names: { settings: [...], function: [...], layer: [...], ... }, each sorted. */
function readCatalog(text = fs.readFileSync(catalogPath, 'utf8')) {
  const names = { settings: new Set() };
  for (const kind of kinds) names[kind.key] = new Set();
  let current = null;
  for (const line of text.split(/\r?\n/)) {
    const heading = /^## (.*)$/.exec(line);
    if (heading) {
      const title = heading[1].trim();
      if (settingTitle.test(title)) current = names.settings;
      else {
        const kind = kinds.find((k) => k.title.test(title));
        // A new kind of built-in needs a scope here first; failing beats quietly not highlighting it.
        if (!kind) throw new Error(`docs/catalog.md has a section the grammar does not know: '${title}'. Add it to editors/vscode/scripts/catalog.js.`);
        current = names[kind.key];
      }
      continue;
    }
    if (!current) continue;
    const row = /^\| `([^`]+)` \|/.exec(line);
    if (row) current.add(row[1]);
    else if (current === names.metric) {
      for (const m of line.matchAll(/`([A-Za-z_][A-Za-z_0-9.]*)`/g)) current.add(m[1]);
    }
  }
  const result = {};
  for (const [key, set] of Object.entries(names)) {
    if (set.size === 0) throw new Error(`docs/catalog.md lists no ${key} names; has its layout changed?`);
    result[key] = [...set].sort();
  }
  return result;
}

const escape = (name) => name.replace(/[.]/g, '\\.');
const alternation = (names) => names.map(escape).join('|');

/** The grammar's generated rules: `settings` and `builtins`, as they appear in its repository. */
function generatedRules(catalog = readCatalog(), keywords = readKeywords()) {
  // A hard keyword that is also a setting (try, objective) is highlighted as the keyword it is.
  const settings = catalog.settings.filter((name) => !keywords.hard.includes(name));
  return {
    settings: {
      comment: 'Generated from docs/catalog.md by scripts/catalog.js: the data, train and tune settings, at the start of a line.',
      match: `^\\s*(${alternation(settings)})\\b(?!\\s*[~=(:.,])`,
      captures: { 1: { name: 'variable.other.property.setting.hyp' } },
    },
    builtins: {
      comment: 'Generated from docs/catalog.md by scripts/catalog.js: every built-in name, by kind.',
      patterns: kinds.map((kind) => ({
        name: kind.scope,
        match: `(?<![A-Za-z_0-9.])(${alternation(catalog[kind.key])})(?![A-Za-z_0-9])`,
      })),
    },
  };
}

module.exports = { readCatalog, readKeywords, generatedRules, catalogPath };
