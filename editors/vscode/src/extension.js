'use strict';
// The HyperDsl extension: highlighting comes from the TextMate grammar alone; everything else
// (diagnostics, hover, completion, go-to-definition, rename, formatting, semantic tokens) comes
// from the compiler's own language server, `hyp lsp`, started here and spoken to over stdio.
const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');
const { serverExecutable, serverPathSetting } = require('./server.js');

let client;

async function activate(context) {
  const server = serverExecutable(vscode.workspace.getConfiguration('hyperdsl').get(serverPathSetting));
  client = new LanguageClient(
    'hyperdsl',
    'HyperDsl language server',
    { run: server, debug: server },
    {
      documentSelector: [{ language: 'hyperdsl' }],
      synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*.hyp') },
    });

  // A changed server path takes effect only through a restart of the server, so offer one.
  context.subscriptions.push(vscode.workspace.onDidChangeConfiguration(async (event) => {
    if (!event.affectsConfiguration('hyperdsl.server.path')) return;
    const choice = await vscode.window.showInformationMessage(
      'The HyperDsl server path changed. Reload the window to start the new server?', 'Reload');
    if (choice === 'Reload') await vscode.commands.executeCommand('workbench.action.reloadWindow');
  }));

  try {
    await client.start();
  } catch (error) {
    // Highlighting still works without a server; say how to get the rest.
    vscode.window.showErrorMessage(
      `HyperDsl: could not start '${server.command} lsp' (${error.message}). Install the hyp tool or set ` +
      "'hyperdsl.server.path' to the hyp executable.");
  }
}

async function deactivate() {
  // A client whose server never started has nothing to stop (stop() would throw).
  if (client && client.needsStop()) await client.stop();
}

module.exports = { activate, deactivate };
