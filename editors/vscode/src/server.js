'use strict';
// How the extension starts the language server, apart from VS Code so that it can be tested.

/** The setting that names the `hyp` executable, and its default: `hyp` on the PATH. */
const serverPathSetting = 'server.path';
const defaultServerPath = 'hyp';

/**
 * The server vscode-languageclient starts: exactly `hyp lsp`, speaking LSP on stdin/stdout.
 * No `transport` on purpose: vscode-languageclient then uses stdio as it is, whereas
 * `TransportKind.stdio` would append `--stdio` to the command line, which `hyp lsp` does not need.
 */
function serverExecutable(configuredPath) {
  const command = typeof configuredPath === 'string' && configuredPath.trim() !== ''
    ? configuredPath.trim()
    : defaultServerPath;
  return { command, args: ['lsp'] };
}

module.exports = { serverExecutable, serverPathSetting, defaultServerPath };
