-- Shared by the wrk scripts of bench/run.sh. wrk gives every thread its own Lua state; setup() and done() run in
-- the main one.
--   BENCH_TOKEN        the access token (Authorization: Bearer)
--   BENCH_NAME         the scenario's name in the result line
--   BENCH_RESULT_FILE  done() appends one line there:
--                      name req_per_s p50_ms p95_ms p99_ms max_ms requests non2xx socket_errors statuses
local M = {}

local threads = {}

function M.auth()
  local token = os.getenv("BENCH_TOKEN")
  if token == nil or token == "" then error("BENCH_TOKEN is not set") end
  wrk.headers["Authorization"] = "Bearer " .. token
  wrk.headers["Accept"] = "application/json"
end

-- One number a line (deal or lead ids).
function M.read_ids(path)
  local ids = {}
  for line in io.lines(path) do
    local id = tonumber(line)
    if id then table.insert(ids, id) end
  end
  return ids
end

-- "stage id" a line: the anchor cards of each column (never moved).
function M.read_anchors(path)
  local anchors = {}
  for line in io.lines(path) do
    local stage, id = line:match("^(%d+)%s+(%d+)")
    if stage then
      stage = tonumber(stage)
      anchors[stage] = anchors[stage] or {}
      table.insert(anchors[stage], tonumber(id))
    end
  end
  return anchors
end

function M.setup(thread)
  thread:set("thread_no", #threads + 1)
  table.insert(threads, thread)
end

-- A response() callback that counts status codes per thread (only the move script uses it: it costs a Lua call).
function M.count_statuses()
  statuses = {}
  return function(status, headers, body)
    statuses[status] = (statuses[status] or 0) + 1
  end
end

local function collect_statuses()
  local total = {}
  for _, t in ipairs(threads) do
    local s = t:get("statuses")
    if type(s) == "table" then
      for code, n in pairs(s) do total[code] = (total[code] or 0) + n end
    end
  end
  local parts = {}
  for code, n in pairs(total) do table.insert(parts, code .. ":" .. n) end
  table.sort(parts)
  if #parts == 0 then return "-" end
  return table.concat(parts, ",")
end

function M.done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  local line = string.format("%s %.1f %.2f %.2f %.2f %.2f %d %d %d %s\n",
    os.getenv("BENCH_NAME") or "?", summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.requests, e.status, e.connect + e.read + e.write + e.timeout, collect_statuses())
  local path = os.getenv("BENCH_RESULT_FILE")
  if path ~= nil and path ~= "" then
    local f = assert(io.open(path, "a"))
    f:write(line)
    f:close()
  end
  io.write("result: " .. line)
end

return M
