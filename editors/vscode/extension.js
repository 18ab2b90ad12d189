// Starts `kaplint server` for Markdown, MDX, plain text and HTML files and passes the
// kaplint.* settings to it; everything else (diagnostics, fixes, hover) comes from the server.
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function settings() {
  const config = vscode.workspace.getConfiguration("kaplint");
  return { select: config.get("select"), ignore: config.get("ignore"), profile: config.get("profile") };
}

function activate(context) {
  const command = vscode.workspace.getConfiguration("kaplint").get("path") || "kaplint";
  client = new LanguageClient(
    "kaplint",
    "kaplint",
    { command, args: ["server"] },
    {
      documentSelector: ["markdown", "mdx", "plaintext", "html"].map((language) => ({ scheme: "file", language })),
      initializationOptions: settings(),
      synchronize: { configurationSection: "kaplint" },
    }
  );
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration("kaplint") && client) {
        client.sendNotification("workspace/didChangeConfiguration", { settings: { kaplint: settings() } });
      }
    })
  );
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
