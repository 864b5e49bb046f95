-- Runs an Argo CD action or discovery script the way Argo CD does: the script sees the live object
-- as the global `obj` and only the libraries Argo CD opens for configured actions (base, table and
-- a safe os with time, date and clock; no string, math, io or debug). Prints the returned table as
-- JSON with sorted keys. Usage: lua5.4 driver.lua SCRIPT FIXTURE (a Lua file returning the object).
local object = dofile(arg[2])
local source = assert(io.open(arg[1])):read("a")

local sandbox = {
  obj = object, assert = assert, error = error, ipairs = ipairs, next = next, pairs = pairs,
  pcall = pcall, print = print, rawequal = rawequal, rawget = rawget, rawlen = rawlen, rawset = rawset,
  select = select, setmetatable = setmetatable, getmetatable = getmetatable, tonumber = tonumber,
  tostring = tostring, type = type, table = table,
  os = {time = os.time, date = os.date, clock = os.clock},
}
sandbox._G = sandbox
local stringMeta = debug.getmetatable("")
debug.setmetatable("", nil) -- no ("text"):method() either: Argo CD does not open the string library
local chunk = assert(load(source, "=" .. arg[1], "t", sandbox))
local ok, result = pcall(chunk)
debug.setmetatable("", stringMeta)
if not ok then
  io.stderr:write(tostring(result), "\n")
  os.exit(1)
end

local function encode(value)
  local kind = type(value)
  if kind == "nil" then
    return "null"
  elseif kind == "boolean" then
    return tostring(value)
  elseif kind == "number" then
    if math.type(value) == "integer" then
      return tostring(value)
    end
    return string.format("%.17g", value)
  elseif kind == "string" then
    return '"' .. value:gsub('[%c"\\]', function(c) return string.format("\\u%04x", c:byte()) end) .. '"'
  elseif kind == "table" then
    local count = 0
    for _ in pairs(value) do
      count = count + 1
    end
    if count > 0 and #value == count then
      local items = {}
      for _, item in ipairs(value) do
        items[#items + 1] = encode(item)
      end
      return "[" .. table.concat(items, ",") .. "]"
    end
    local keys = {}
    for key in pairs(value) do
      keys[#keys + 1] = tostring(key)
    end
    table.sort(keys)
    local items = {}
    for _, key in ipairs(keys) do
      items[#items + 1] = encode(key) .. ":" .. encode(value[key])
    end
    return "{" .. table.concat(items, ",") .. "}"
  end
  error("cannot encode a " .. kind)
end

io.write(encode(result), "\n")
