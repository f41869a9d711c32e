-- The SPA's call mix on the large tenant: what a team working the board does, request by request, weighted as the
-- SPA calls (a board load per screen, the deal panel's two calls when a card opens, a move per drag, searches as the
-- user types, quick-adds and notes now and then). Live streams are held open beside it by bench/run.sh.
--   BENCH_MOVABLE_FILE  one deal id a line (deals the mix may move, open and annotate)
--   BENCH_ANCHORS_FILE  "stage id" a line (never moved: neighbours for moves)
--   BENCH_LEADS_FILE    one lead id a line (for quick-add deals)
--   BENCH_COLUMN_PATH   a real "load more" path of the first column
local common = dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
common.auth()
setup = common.setup
done = common.done
response = common.count_statuses()

local movable, anchors, leads = {}, {}, {}
local counter = 0
local terms = { "silva", "santos", "oliveira", "Ferreira", "cavalcanti", "Mariana", "thiago", "ana.silva", "@gmail", "9123" }
local json = {} -- wrk.format replaces wrk.headers with the table it is given: the token goes in it too (init)

-- weight, name: they add up to 100
local mix = {
  { 20, "board" }, { 8, "column" }, { 14, "deal" }, { 14, "notes" }, { 10, "move" }, { 10, "search" },
  { 6, "leads" }, { 6, "summary" }, { 4, "me" }, { 4, "note" }, { 2, "lead" }, { 2, "newdeal" },
}
local wheel = {}

function init(args)
  local n = tonumber(wrk.thread:get("thread_no")) or 1
  math.randomseed(os.time() * 1000 + n)
  thread_no = n
  movable = common.read_ids(os.getenv("BENCH_MOVABLE_FILE"))
  anchors = common.read_anchors(os.getenv("BENCH_ANCHORS_FILE"))
  leads = common.read_ids(os.getenv("BENCH_LEADS_FILE"))
  for k, v in pairs(wrk.headers) do json[k] = v end
  json["Content-Type"] = "application/json"
  for _, entry in ipairs(mix) do
    for _ = 1, entry[1] do table.insert(wheel, entry[2]) end
  end
end

local function pick(list) return list[math.random(#list)] end

function request()
  local kind = pick(wheel)
  if kind == "board" then return wrk.format("GET", "/api/pipeline/board") end
  if kind == "column" then return wrk.format("GET", os.getenv("BENCH_COLUMN_PATH")) end
  if kind == "deal" then return wrk.format("GET", "/api/deals/" .. pick(movable)) end
  if kind == "notes" then return wrk.format("GET", "/api/deals/" .. pick(movable) .. "/notes") end
  if kind == "search" then return wrk.format("GET", "/api/leads?search=" .. pick(terms):gsub("@", "%%40")) end
  if kind == "leads" then return wrk.format("GET", "/api/leads?page=" .. math.random(20)) end
  if kind == "summary" then return wrk.format("GET", "/api/pipeline/summary") end
  if kind == "me" then return wrk.format("GET", "/api/me") end
  if kind == "note" then
    return wrk.format("POST", "/api/deals/" .. pick(movable) .. "/notes", json, '{"body":"Liguei, retornar amanhã (bench)"}')
  end
  counter = counter + 1
  if kind == "lead" then
    return wrk.format("POST", "/api/leads", json, string.format(
      '{"name":"Bench Lead %d-%d","email":"bench-%d-%d-%d@example.com","phone":"+55 11 9%08d"}',
      thread_no, counter, thread_no, counter, math.random(1e9), math.random(1e8 - 1)))
  end
  if kind == "newdeal" then
    return wrk.format("POST", "/api/deals", json, string.format('{"leadId":%d,"title":"Bench deal %d-%d","value":%d.50}',
      pick(leads), thread_no, counter, math.random(5000)))
  end
  -- move
  local stage = math.random(7)
  local body = '{"stageId":' .. stage
  local column = anchors[stage]
  if column ~= nil and #column > 0 and math.random() < 0.4 then
    body = body .. ',"beforeDealId":' .. pick(column)
  end
  if stage == 7 then body = body .. ',"lossReason":"bench: price"' end
  return wrk.format("POST", "/api/deals/" .. pick(movable) .. "/move", json, body .. '}')
end
