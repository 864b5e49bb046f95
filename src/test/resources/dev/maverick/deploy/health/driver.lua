-- Runs an Argo CD health script the way Argo CD does: the script sees the live object as the
-- global `obj`. Usage: lua5.4 driver.lua HEALTH_SCRIPT FIXTURE (a Lua file returning the object).
obj = dofile(arg[2])
local hs = dofile(arg[1])
io.write(hs.status, "\n", hs.message or "", "\n")
