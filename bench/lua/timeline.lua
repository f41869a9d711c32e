-- GET /api/deals/{id}/timeline on the large tenant: a random deal's history, first page (BENCH_MOVABLE_FILE, one deal
-- id a line).
local common = dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
common.auth()
setup = common.setup
done = common.done
response = common.count_statuses()

local ids = {}

function init(args)
  local n = tonumber(wrk.thread:get("thread_no")) or 1
  math.randomseed(os.time() * 1000 + n)
  ids = common.read_ids(os.getenv("BENCH_MOVABLE_FILE"))
  if #ids == 0 then error("no deals") end
end

function request()
  return wrk.format("GET", "/api/deals/" .. ids[math.random(#ids)] .. "/timeline")
end
