'use strict';
// Tokenises .hyp text with the extension's grammar exactly as VS Code does (vscode-textmate on the
// Oniguruma regex engine), and writes the tokens in a readable, diffable form.
const fs = require('node:fs');
const path = require('node:path');
const vsctm = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

const grammarPath = path.join(__dirname, '..', 'syntaxes', 'hyp.tmLanguage.json');

let grammarPromise;
function loadGrammar() {
  grammarPromise ??= (async () => {
    const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const registry = new vsctm.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
        createOnigString: (text) => new oniguruma.OnigString(text),
      }),
      loadGrammar: async (scopeName) => scopeName === 'source.hyp'
        ? vsctm.parseRawGrammar(fs.readFileSync(grammarPath, 'utf8'), grammarPath)
        : null,
    });
    return registry.loadGrammar('source.hyp');
  })();
  return grammarPromise;
}

/**
 * One line per token that is not blank: `line:column  "text"  scope scope...`, without the root
 * scope every token has. A line of only blanks or a blank token says nothing about highlighting.
 */
async function describeTokens(text) {
  const grammar = await loadGrammar();
  const out = [];
  let state = vsctm.INITIAL;
  const lines = text.split(/\r\n|\r|\n/);
  lines.forEach((line, index) => {
    const result = grammar.tokenizeLine(line, state);
    for (const token of result.tokens) {
      const tokenText = line.substring(token.startIndex, token.endIndex);
      if (tokenText.trim() === '') continue;
      const scopes = token.scopes.filter((s) => s !== 'source.hyp');
      out.push(`${index + 1}:${token.startIndex + 1}  ${JSON.stringify(tokenText)}  ${scopes.join(' ') || '-'}`);
    }
    state = result.ruleStack;
  });
  return out.join('\n') + '\n';
}

module.exports = { describeTokens, loadGrammar };
