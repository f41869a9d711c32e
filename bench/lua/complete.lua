-- POST /api/activities/{id}/complete on the large tenant: a random open activity of the seed (BENCH_ACTIVITIES_FILE,
-- one id a line), with an outcome. An activity drawn twice in one run is completed again as a second click would:
-- 200, and nothing written (same outcome). bench/run.sh draws 60,000 and reopens the bench's completions before each
-- run, so that few are.
local common = dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
common.auth()
wrk.headers["Content-Type"] = "application/json"
setup = common.setup
done = common.done
response = common.count_statuses()

local ids = {}

function init(args)
  local n = tonumber(wrk.thread:get("thread_no")) or 1
  math.randomseed(os.time() * 1000 + n)
  ids = common.read_ids(os.getenv("BENCH_ACTIVITIES_FILE"))
  if #ids == 0 then error("no open activities") end
end

function request()
  return wrk.format("POST", "/api/activities/" .. ids[math.random(#ids)] .. "/complete", nil, '{"outcome":"bench: falou com o cliente"}')
end
