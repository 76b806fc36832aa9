'use strict';
// The extension packages to a .vsix with @vscode/vsce, and the package holds what VS Code needs:
// the manifest, the grammar, the language configuration, the client and its runtime dependency.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const extensionRoot = path.join(__dirname, '..');

/** The names of a zip file's entries, from its central directory (a .vsix is a zip). */
function zipEntries(file) {
  const zip = fs.readFileSync(file);
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(end >= 0, `${file} is not a zip file`);
  const count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  const names = [];
  for (let i = 0; i < count; i++) {
    assert.equal(zip.readUInt32LE(offset), 0x02014b50, `${file} has a damaged central directory`);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    names.push(zip.toString('utf8', offset + 46, offset + 46 + nameLength));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

test('the extension packages to a .vsix with its grammar, configuration and client', () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'hyperdsl-vsix-'));
  try {
    const vsix = path.join(out, 'hyperdsl.vsix');
    const vsce = require.resolve('@vscode/vsce/vsce');
    execFileSync(process.execPath, [vsce, 'package', '--out', vsix, '--allow-missing-repository', '--skip-license'],
      { cwd: extensionRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    assert.ok(fs.statSync(vsix).size > 0, 'vsce wrote no .vsix');

    const entries = zipEntries(vsix);
    for (const wanted of [
      'extension.vsixmanifest',
      'extension/package.json',
      'extension/syntaxes/hyp.tmLanguage.json',
      'extension/language-configuration.json',
      'extension/src/extension.js',
      'extension/node_modules/vscode-languageclient/node.js',
    ]) {
      assert.ok(entries.includes(wanted), `the .vsix lacks ${wanted}; it holds:\n${entries.join('\n')}`);
    }
    // Tests, baselines and development tools stay out of what users install.
    const leaked = entries.filter((e) => /^extension\/(test|scripts)\/|^extension\/node_modules\/(@vscode\/vsce|vscode-textmate|vscode-oniguruma)\//.test(e));
    assert.deepEqual(leaked, [], 'the .vsix holds files meant only for development');
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
});
