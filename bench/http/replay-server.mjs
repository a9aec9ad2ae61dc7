// The baseline server of `npm run bench`: a bare node:http server that answers every request with
// one response captured from the real app (status, headers, body), read as JSON from stdin. It
// reads and discards request bodies, like the app must, and does nothing else. Prints {"port":N}.
import { createServer } from "node:http";

// Framing headers are Node's to set for the body it sends; a captured one would lie.
const FRAMING = new Set(["connection", "keep-alive", "transfer-encoding", "content-length", "date"]);

let input = "";
process.stdin.setEncoding("utf8");
for await (const chunk of process.stdin) input += chunk;
const captured = JSON.parse(input);
const body = Buffer.from(captured.body, "utf8");
const headers = Object.fromEntries(Object.entries(captured.headers).filter(([name]) => !FRAMING.has(name.toLowerCase())));

const server = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    res.writeHead(captured.status, headers);
    res.end(body);
  });
});
server.keepAliveTimeout = 65_000;
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(JSON.stringify({ port: server.address().port }) + "\n");
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
