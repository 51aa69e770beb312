// h2_server.js CERT KEY PORT_FILE: a TLS server that offers HTTP/2 (and HTTP/1.1), for the REST
// client's multiplexing test. Every request waits 50 ms, then answers JSON naming the protocol;
// GET /stats tells how many TLS sessions and streams it saw. Exits by itself after 60 s.
'use strict';
const fs = require('fs');
const http2 = require('http2');

const [cert, key, portFile] = process.argv.slice(2);
let sessions = 0;
let streams = 0;
const server = http2.createSecureServer(
    {cert: fs.readFileSync(cert), key: fs.readFileSync(key), allowHTTP1: true});
server.on('secureConnection', () => sessions++);
server.on('request', (request, response) => {
  response.setHeader('content-type', 'application/json');
  if (request.url === '/stats') {
    response.end(JSON.stringify({sessions, streams}));
    return;
  }
  streams++;
  setTimeout(() => response.end(JSON.stringify({httpVersion: request.httpVersion})), 50);
});
server.listen(0, '127.0.0.1', () => {
  fs.writeFileSync(portFile + '.tmp', String(server.address().port));
  fs.renameSync(portFile + '.tmp', portFile);
});
setTimeout(() => process.exit(0), 60000).unref();
