-- POST /api/deals/{id}/move on the large tenant: a random movable deal to a random stage 1..7 (with a lossReason when
-- it is 7, Lost); 60 % of moves name no neighbour (end of column), 40 % name beforeDealId = an anchor card of the target
-- column. Anchors are deals this script never moves (bench/run.sh leaves every 10th deal out of the movable list), so
-- the neighbour is always really in the column, and drops land all over each column, not at one spot.
--   BENCH_MOVABLE_FILE  one deal id a line
--   BENCH_ANCHORS_FILE  "stage id" a line
local common = dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
common.auth()
wrk.headers["Content-Type"] = "application/json"
setup = common.setup
done = common.done
response = common.count_statuses()

local movable, anchors = {}, {}

function init(args)
  local n = tonumber(wrk.thread:get("thread_no")) or 1
  math.randomseed(os.time() * 1000 + n)
  movable = common.read_ids(os.getenv("BENCH_MOVABLE_FILE"))
  anchors = common.read_anchors(os.getenv("BENCH_ANCHORS_FILE"))
  if #movable == 0 then error("no movable deals") end
end

function request()
  local id = movable[math.random(#movable)]
  local stage = math.random(7)
  local body = '{"stageId":' .. stage
  local column = anchors[stage]
  if column ~= nil and #column > 0 and math.random() < 0.4 then
    body = body .. ',"beforeDealId":' .. column[math.random(#column)]
  end
  if stage == 7 then body = body .. ',"lossReason":"bench: price"' end
  body = body .. '}'
  return wrk.format("POST", "/api/deals/" .. id .. "/move", nil, body)
end
