-- Lead search: GET /api/leads?search=TERM with a term drawn at random per request, from common (a surname: about
-- 1 lead in 40 matches) to rare (one e-mail, a phone fragment). Every term has 3+ characters, so pg_trgm can help.
local common = dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
common.auth()
setup = common.setup
done = common.done

local terms = {
  "silva", "santos", "oliveira", "Ferreira", "Gonçalves", "cavalcanti", "Mariana", "thiago", "Beatriz S",
  "ana.silva", "lucas.costa", "@gmail", "outlook", "9123", "1234-", "+55 21", "Rafael Ro", "monteiro7",
  "julia.pereira", "zzz-nobody",
}
local paths = {}

function init(args)
  local n = tonumber(wrk.thread:get("thread_no")) or 1
  math.randomseed(os.time() * 1000 + n)
  for i, t in ipairs(terms) do
    paths[i] = "/api/leads?search=" .. t:gsub("[^%w%-%.]", function(c) return string.format("%%%02X", c:byte()) end)
  end
end

function request()
  return wrk.format("GET", paths[math.random(#paths)])
end
