// Fails early, in one line, when the Node.js running the build is older than the web app needs
// (pdfjs-dist 6 needs 22.13). `make frontend` and `make test` bring the right one (.tools/).
const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 13)) {
  console.error(
    `Kỳ Họp's web app needs Node.js >= 22.13; this is ${process.versions.node}. ` +
      "Run `make frontend` (it fetches Node.js 22.23.5 into .tools/) or put Node >= 22.13 first on PATH.",
  );
  process.exit(1);
}
