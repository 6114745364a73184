-- wrk script: POST one GraphQL document per request as many distinct users, and count responses that
-- carry GraphQL errors. Configured by environment variables:
--   BENCH_TOKENS  file with one JWT per line; request n uses token n mod count, the user user-(n mod count)
--   BENCH_QUERY   the document; {u} becomes the user's number, {r} their room, {f} one of their five
--                 friends (changing with every request), {n} a number unique to the request in this run,
--                 {run} the run's start time (ids stay new when a data set is reused), {batch} 100
--                 message inputs. Several documents with weights: "80@doc1||15@doc2||5@doc3". A document
--                 may carry variables after "##" (a JSON object, with the same placeholders), as real
--                 clients send them: the document then stays the same from request to request.
--   BENCH_ROOM    "own" (default: the user's room) or a fixed room number (a hot room: everyone asks for it)
local tokens = {}
for line in io.lines(os.getenv("BENCH_TOKENS")) do
  if #line > 0 then tokens[#tokens + 1] = line end
end
local documents, total = {}, 0
for part in (os.getenv("BENCH_QUERY") .. "||"):gmatch("(.-)||") do
  local weight, doc = part:match("^(%d+)@(.*)$")
  if not weight then weight, doc = "1", part end
  total = total + tonumber(weight)
  documents[#documents + 1] = { upTo = total, doc = doc }
end
local fixedRoom = os.getenv("BENCH_ROOM")
local run = tostring(os.time())
local counter = 0
errors = 0
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  -- Each thread starts its walk through the users a thread's share of them after the one before, so
  -- no two threads ask as the same user at the same moment (they did, 3 requests apart, which made every
  -- "cold" read a pair of concurrent reads of one user). The 100,000,000 keeps each thread's {n} apart.
  local threadCount = tonumber(os.getenv("BENCH_THREADS") or "2")
  counter = id * 100000000 + id * math.floor(#tokens / threadCount)
  math.randomseed(id + 1)
end

local function pick()
  local roll = math.random(total)
  for _, d in ipairs(documents) do
    if roll <= d.upTo then return d.doc end
  end
  return documents[#documents].doc
end

local function batch(n, room)
  local inputs = {}
  for i = 1, 100 do
    inputs[i] = string.format('{clientId: "b%s-%d-%d", roomId: "room-%d", content: "batched message %d"}', run, n, i, room, i)
  end
  return table.concat(inputs, ", ")
end

local function escape(s)
  return (s:gsub('\\', '\\\\'):gsub('"', '\\"'):gsub('\n', ' '))
end

function request()
  counter = counter + 1
  local n = counter % #tokens
  local room = math.floor(n / 10)
  if fixedRoom and fixedRoom ~= "own" then room = tonumber(fixedRoom) end
  local doc = pick():gsub("{u}", tostring(n)):gsub("{r}", tostring(room))
                     :gsub("{f}", tostring((n + 1 + counter % 5) % 10000)):gsub("{n}", tostring(counter))
                     :gsub("{run}", run)
  if doc:find("{batch}", 1, true) then doc = doc:gsub("{batch}", batch(counter, room)) end
  local query, variables = doc:match("^(.-)##(.*)$")
  local body = query and ('{"query":"' .. escape(query) .. '","variables":' .. variables .. '}')
                      or ('{"query":"' .. escape(doc) .. '"}')
  return wrk.format("POST", "/graphql", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. tokens[n + 1]
  }, body)
end

function response(status, headers, body)
  if status ~= 200 or body:find('"errors"', 1, true) then errors = errors + 1 end
end

function done(summary, latency, requests)
  local total = 0
  for _, t in ipairs(threads) do total = total + t:get("errors") end
  io.write(string.format("RESULT rps=%.0f p50=%.1f p99=%.1f errors=%d requests=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    total + summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.requests))
end
