'use strict';
// The manifest, the grammar, the language configuration and the client agree with each other:
// VS Code would silently skip a grammar or configuration whose path or language id is wrong.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { serverExecutable, serverPathSetting, defaultServerPath } = require('../src/server.js');

const root = path.join(__dirname, '..');
const readJson = (file) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));
const manifest = readJson('package.json');

test('the .hyp language, its grammar and its configuration are contributed under one id', () => {
  const [language] = manifest.contributes.languages;
  assert.deepEqual(language.extensions, ['.hyp']);
  const [grammar] = manifest.contributes.grammars;
  assert.equal(grammar.language, language.id);
  assert.equal(readJson(grammar.path).scopeName, grammar.scopeName);
  const configuration = readJson(language.configuration);
  assert.equal(configuration.comments.lineComment, '//');
  assert.deepEqual(configuration.comments.blockComment, ['/*', '*/']);
  assert.ok(manifest.activationEvents.includes(`onLanguage:${language.id}`));
});

test('the language configuration\'s patterns are valid regular expressions', () => {
  const configuration = readJson('language-configuration.json');
  for (const pattern of [
    configuration.wordPattern,
    configuration.indentationRules.increaseIndentPattern,
    configuration.indentationRules.decreaseIndentPattern,
    ...configuration.onEnterRules.map((r) => r.beforeText),
  ]) assert.doesNotThrow(() => new RegExp(pattern), pattern);
  const increase = new RegExp(configuration.indentationRules.increaseIndentPattern);
  assert.ok(increase.test('  model {'));
  assert.ok(increase.test('  params {   // the space'));
  assert.ok(!increase.test('  conv(16)'));
});

test('the server path setting defaults to hyp, and the client starts it as exactly `hyp lsp`', () => {
  const setting = manifest.contributes.configuration.properties[`hyperdsl.${serverPathSetting}`];
  assert.equal(setting.default, defaultServerPath);
  assert.equal(manifest.main, './src/extension.js');
  // An untrusted folder must not pick the program the extension runs.
  assert.deepEqual(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations, [`hyperdsl.${serverPathSetting}`]);
  assert.deepEqual(serverExecutable(undefined), { command: 'hyp', args: ['lsp'] });
  assert.deepEqual(serverExecutable('  '), { command: 'hyp', args: ['lsp'] });
  assert.deepEqual(serverExecutable('/opt/hyperdsl/hyp'), { command: '/opt/hyperdsl/hyp', args: ['lsp'] });
  // A transport would make vscode-languageclient add --stdio to the command line.
  assert.equal('transport' in serverExecutable('hyp'), false);
});
