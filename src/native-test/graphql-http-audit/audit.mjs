// Runs graphql-http's server audits against GRAPHQL_URL, each request with the bearer token in
// GRAPHQL_TOKEN, and prints one JSON object per audit: id, name, status (ok, warn, error, notice), reason.
import { serverAudits } from 'graphql-http';

const url = process.env.GRAPHQL_URL;
const authorization = 'Bearer ' + process.env.GRAPHQL_TOKEN;

function withToken(input, init = {}) {
  const headers = new Headers(init.headers);
  headers.set('authorization', authorization);
  return fetch(input, { ...init, headers });
}

for (const audit of serverAudits({ url, fetchFn: withToken })) {
  const result = await audit.fn();
  console.log(JSON.stringify({ id: audit.id, name: audit.name, status: result.status, reason: result.reason ?? null }));
}
