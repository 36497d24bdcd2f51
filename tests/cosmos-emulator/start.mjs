// Starts @vercel/cosmosdb-server for the Cosmos adapter tests, with the fixes it needs wrapped around it in-process.
//
//   node start.mjs [--port N]        (or COSMOS_PORT=N; default: a free port)
//   COSMOS_EMULATOR_LOG=file         appends one line per request (method, url, status, fix applied) to that file
//
// Prints exactly one line, `cosmos ready https://127.0.0.1:<port>`, once it listens, and exits on SIGTERM, SIGINT
// or when its standard input closes (so a test fixture that dies cannot leave it behind). Data lives in memory only.
//
// What the wrapper fixes (emulator 1.0.1, pinned by package-lock.json):
//  1. Query-plan requests (`x-ms-cosmos-is-query-plan-request`): the emulator would run them as ordinary queries and
//     the SDK could not parse the answer. We answer with a real plan document for queries whose plan is trivial
//     (no ORDER BY, aggregates, DISTINCT, GROUP BY, OFFSET/LIMIT; TOP is reported) and with a clear 400 otherwise.
//     The MedSpa adapter never needs a plan: its queries are single-partition with Optimistic Direct Execution.
//  2. A point read of a missing document crashes the emulator's handler (500). We turn exactly that crash into the
//     404 NotFound that Cosmos DB returns.
//  3. The emulator ignores the partition-key header on queries and scans every partition. We run each query that
//     carries `x-ms-documentdb-partitionkey` over that logical partition's documents only (and, as Cosmos DB does,
//     accept such a query even when its WHERE clause does not name the partition key).
//  4. Replacing a container (e.g. to add composite indexes to its indexing policy) makes the emulator build a new,
//     empty collection object: every document would be lost. We carry the documents over, as Cosmos DB does.
//  (ORDER BY and TOP themselves work in the emulator's query engine once no plan is needed.)
// Not fixable here, and not used by MedSpa: a real change feed, TransactionalBatch, GROUP BY, OFFSET/LIMIT.

import { AsyncLocalStorage } from "node:async_hooks";
import { appendFileSync } from "node:fs";
import cosmos from "@vercel/cosmosdb-server";
import itemsModule from "@vercel/cosmosdb-server/lib/account/items.js";
import getValueModule from "@vercel/cosmosdb-server/lib/utils/get-value.js";
import collectionsModule from "@vercel/cosmosdb-server/lib/account/collections.js";

const Items = itemsModule.default;
const Collections = collectionsModule.default;
const getValue = getValueModule.default;
const requestContext = new AsyncLocalStorage();

// --- 3. Partition-scoped queries -------------------------------------------------------------------------------
const originalQuery = Items.prototype.query;
Items.prototype.query = function query(params, options) {
  const partitionKey = requestContext.getStore()?.partitionKey;
  if (partitionKey === undefined) {
    return originalQuery.call(this, params, options);
  }

  const paths = this._partitionKeyPath.map(path => path.slice(1).split("/"));
  const inPartition = new Map(
    [...this._data].filter(([, item]) => paths.every((path, i) => sameValue(getValue(path, item.read()), partitionKey[i]))));
  // Same collection, but the query sees only the documents of the requested logical partition.
  return originalQuery.call(Object.create(this, { _data: { value: inPartition } }), params, options);
};

function sameValue(a, b) {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function partitionKeyOf(req) {
  const header = req.headers["x-ms-documentdb-partitionkey"];
  if (!header || header === "[{}]") {
    return undefined;
  }

  try {
    const parsed = JSON.parse(Array.isArray(header) ? header[0] : header);
    return Array.isArray(parsed) ? parsed : [parsed];
  } catch {
    return undefined;
  }
}

// --- 4. Container replace keeps its documents ---------------------------------------------------------------------
const originalReplace = Collections.prototype.replace;
Collections.prototype.replace = function replace(data, original) {
  const before = this._data.get(original._rid);
  const result = originalReplace.call(this, data, original);
  const after = this._data.get(result._rid);
  if (before && after && before !== after) {
    for (const child of ["documents", "partitionKeyRanges", "userDefinedFunctions"]) {
      after[child] = before[child];
      after[child]._parent = after;
    }
  }
  return result;
};

// --- 1. Query plans ------------------------------------------------------------------------------------------------
const UNPLANNABLE = /\b(ORDER\s+BY|GROUP\s+BY|DISTINCT|OFFSET|LIMIT|COUNT\s*\(|MIN\s*\(|MAX\s*\(|AVG\s*\(|SUM\s*\()/i;

function queryPlan(query) {
  if (UNPLANNABLE.test(query)) {
    return {
      status: 400,
      body: {
        code: "BadRequest",
        message: "cosmos-emulator wrapper: no query plan for ORDER BY, aggregates, DISTINCT, GROUP BY or OFFSET/LIMIT; " +
          "run such queries inside one partition with Optimistic Direct Execution.",
      },
    };
  }

  const top = /^\s*SELECT\s+TOP\s+(\d+)\b/i.exec(query);
  return {
    status: 200,
    body: {
      partitionedQueryExecutionInfoVersion: 2,
      queryInfo: {
        distinctType: "None",
        top: top ? Number(top[1]) : null,
        offset: null,
        limit: null,
        orderBy: [],
        orderByExpressions: [],
        groupByExpressions: [],
        groupByAliases: [],
        aggregates: [],
        groupByAliasToAggregateType: {},
        rewrittenQuery: "",
        hasSelectValue: /^\s*SELECT\s+(TOP\s+\d+\s+)?VALUE\b/i.test(query),
        dCountInfo: null,
        hasNonStreamingOrderBy: false,
      },
      queryRanges: [{ min: "", max: "FF", isMinInclusive: true, isMaxInclusive: false }],
    },
  };
}

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) {
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function isTrue(value) {
  return String(value ?? "").toLowerCase() === "true";
}

// --- 2. 404 instead of a crash for a missing document -------------------------------------------------------------
const DOCUMENT_PATH = /^\/+dbs\/[^/]+\/colls\/[^/]+\/docs\/[^/]+\/?$/;

function isDocumentRead(req) {
  return req.method === "GET" && DOCUMENT_PATH.test(req.url.split("?")[0]);
}

function isMissingDocumentCrash(message) {
  return String(message).includes("Cannot read properties of undefined");
}

// The emulator logs the crash's stack trace before answering; for a read we turn into a 404 that is just noise.
const consoleError = console.error;
console.error = (...args) => {
  if (requestContext.getStore()?.documentRead && args[0] instanceof TypeError && isMissingDocumentCrash(args[0].message)) {
    return;
  }
  consoleError(...args);
};

function fixMissingDocumentRead(req, res) {
  if (!isDocumentRead(req)) {
    return;
  }

  const end = res.end.bind(res);
  res.end = (chunk, ...rest) => {
    if (res.statusCode === 500 && typeof chunk === "string" && isMissingDocumentCrash(chunk)) {
      res.statusCode = 404;
      res.missingDocument = true;
      res.removeHeader("etag");
      res.setHeader("x-ms-substatus", "0");
      chunk = JSON.stringify({ code: "NotFound", message: "Entity with the specified id does not exist in the system." });
    }
    return end(chunk, ...rest);
  };
}

// --- Server ------------------------------------------------------------------------------------------------------
const server = cosmos.createHttpsServer({ keepAlive: true });
const [emulatorHandler] = server.listeners("request");
server.removeAllListeners("request");
const logFile = process.env.COSMOS_EMULATOR_LOG;
function log(req, res, note = "") {
  if (logFile) {
    res.on("finish", () => appendFileSync(logFile, `${req.method} ${req.url} ${res.statusCode} ${note}${res.missingDocument ? "500 rewritten to 404" : ""}\n`));
  }
}

server.on("request", (req, res) => {
  if (req.method === "POST" && isTrue(req.headers["x-ms-cosmos-is-query-plan-request"])) {
    log(req, res, "query-plan");
    readBody(req).then(text => {
      let plan;
      try {
        plan = queryPlan(JSON.parse(text).query ?? "");
      } catch (err) {
        plan = { status: 400, body: { code: "BadRequest", message: String(err) } };
      }
      res.writeHead(plan.status, { "content-type": "application/json", "x-ms-request-charge": "1" });
      res.end(JSON.stringify(plan.body));
    }, err => {
      res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ code: "InternalServerError", message: String(err) }));
    });
    return;
  }

  fixMissingDocumentRead(req, res);
  const isDocumentQuery = req.method === "POST"
    && (isTrue(req.headers["x-ms-documentdb-isquery"]) || req.headers["content-type"] === "application/query+json");
  const partitionKey = isDocumentQuery ? partitionKeyOf(req) : undefined;
  if (partitionKey) {
    // The query is scoped to one partition (below), so the emulator must not demand the key in its WHERE clause.
    req.headers["x-ms-documentdb-query-enablecrosspartition"] = "true";
  }
  log(req, res, partitionKey ? `partition ${JSON.stringify(partitionKey)}` : "");
  requestContext.run({ partitionKey, documentRead: isDocumentRead(req) }, () => emulatorHandler(req, res));
});

const argIndex = process.argv.indexOf("--port");
const port = Number(argIndex > 0 ? process.argv[argIndex + 1] : process.env.COSMOS_PORT ?? 0);
server.listen(port, "127.0.0.1", () => {
  process.stdout.write(`cosmos ready https://127.0.0.1:${server.address().port}\n`);
});

function shutdown() {
  server.close();
  server.closeAllConnections?.();
  process.exit(0);
}

process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
process.stdin.on("end", shutdown);
process.stdin.on("close", shutdown);
process.stdin.resume();
