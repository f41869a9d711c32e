-- A plain authenticated GET of the URL given to wrk (board, column page).
local common = dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
common.auth()
setup = common.setup
done = common.done
