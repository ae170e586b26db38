-- A boot storm for wrk: every thread is one keep-alive connection that walks its share of the devices, asking
-- for each device's two files (Yealink: common then <mac>.cfg; Polycom: <mac>.cfg then <mac>-sophia.cfg).
-- One connection per thread (run wrk with -t N -c N), so a thread's requests are strictly in order: one digest
-- nonce per connection with nc = 1, 2, 3... as a phone does, and a response always belongs to the last request.
--
-- wrk -t N -c N -s storm.lua URL -- <digest|basic> <devices.tsv> <threads> <loop|once> <result.kv> <marker file>
--   digest: the first request has no credentials; the 401 gives the nonce; a stale or refused nonce is replaced
--           the same way and the file asked again. basic: Authorization: Basic on every request.
--   loop: walk the devices round and round until wrk's -d ends. once: each thread walks its share once, then
--         stops; the last thread to finish interrupts wrk's main thread, so wrk's duration is the pass itself.
-- Results (key=value) go to <result.kv>; <marker file> collects one byte per finished thread in "once" mode.

local ffi = require "ffi"
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } storm_timespec;
  int clock_gettime(int clock_id, storm_timespec *tp);
  int getpid(void);
  int tgkill(int tgid, int tid, int sig);
]]
local CLOCK_MONOTONIC, SIGINT = 1, 2

-- Debian's lua-md5 installs its C module for Lua 5.1 here; wrk's LuaJIT does not look there by itself.
package.cpath = package.cpath .. ";/usr/lib/x86_64-linux-gnu/lua/5.1/?.so"
package.path = package.path .. ";/usr/share/lua/5.1/?.lua"
local md5 = require "md5"

local function now_us()
  local ts = ffi.new("storm_timespec")
  ffi.C.clock_gettime(CLOCK_MONOTONIC, ts)
  return tonumber(ts.tv_sec) * 1e6 + tonumber(ts.tv_nsec) / 1e3
end

local function split_tabs(line)
  local fields = {}
  for field in (line .. "\t"):gmatch("([^\t]*)\t") do
    fields[#fields + 1] = field
  end
  return fields
end

-- Main state: one entry per thread, read back in done().
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  threads[#threads + 1] = thread
end

-- Thread state.
local mode, once, marker_path, nthreads
local realm = "Sophia provisioning"
local users, ha1s, basics, agents, paths = {}, {}, {}, {}, {}
local count = 0
local dev, step = 1, 1
local nonce, nc = nil, 0
local cnonce
local stopped = false

function init(args)
  mode, nthreads, once, marker_path = args[1], tonumber(args[3]), args[4] == "once", args[6]
  local ha1_of = {}
  local index = 0
  for line in io.lines(args[2]) do
    -- Interleaved shares: every thread sees every client and both vendors.
    if index % nthreads == id then
      local f = split_tabs(line)
      local user, password = f[1], f[2]
      if not ha1_of[user] then
        ha1_of[user] = md5.sumhexa(user .. ":" .. realm .. ":" .. password)
      end
      count = count + 1
      users[count], ha1s[count], basics[count], agents[count] = user, ha1_of[user], f[3], f[4]
      paths[count] = { f[5], f[6] }
    end
    index = index + 1
  end
  result_path = args[5]
  cnonce = string.format("%08x%08x", id, math.floor(now_us()) % 0x7fffffff)
  ok, challenged, other, files = 0, 0, 0, 0
  refusals = 0
end

function request()
  if started == nil then
    started = now_us()
  end
  local path = paths[dev][step]
  local headers = { ["User-Agent"] = agents[dev] }
  if mode == "basic" then
    headers["Authorization"] = "Basic " .. basics[dev]
  elseif nonce then
    nc = nc + 1
    local ncs = string.format("%08x", nc)
    local ha2 = md5.sumhexa("GET:" .. path)
    local response = md5.sumhexa(ha1s[dev] .. ":" .. nonce .. ":" .. ncs .. ":" .. cnonce .. ":auth:" .. ha2)
    headers["Authorization"] = 'Digest username="' .. users[dev] .. '", realm="' .. realm .. '", nonce="' .. nonce
      .. '", uri="' .. path .. '", algorithm=MD5, qop=auth, nc=' .. ncs .. ', cnonce="' .. cnonce
      .. '", response="' .. response .. '"'
  end
  return wrk.format("GET", path, headers)
end

local function finish()
  finished = now_us()
  stopped = true
  wrk.thread:stop()
  local marker = io.open(marker_path, "a")
  marker:write("x")
  marker:flush()
  local size = marker:seek("end")
  marker:close()
  if size >= nthreads then
    -- wrk's main thread sleeps for -d; its tid is the pid. Interrupting it ends the run now.
    local pid = ffi.C.getpid()
    ffi.C.tgkill(pid, pid, SIGINT)
  end
end

local function advance()
  files = files + 1
  if step == 1 then
    step = 2
    return
  end
  step = 1
  dev = dev + 1
  if dev > count then
    dev = 1
    if once then
      finish()
    end
  end
end

function response(status, headers, body)
  if stopped then
    return
  end
  if status == 200 then
    ok = ok + 1
    refusals = 0
    advance()
  elseif status == 401 and mode == "digest" then
    challenged = challenged + 1
    local challenge = headers["WWW-Authenticate"] or headers["www-authenticate"] or ""
    nonce = challenge:match('nonce="([^"]+)"')
    nc = 0
    refusals = refusals + 1
    if refusals > 2 then
      -- A fresh nonce refused too: the credentials are wrong; count it and move on rather than spin on one file.
      refusals = 0
      other = other + 1
      advance()
    end
  else
    other = other + 1
    advance()
  end
end

function done(summary, latency, requests)
  local ok_sum, challenged_sum, other_sum, files_sum = 0, 0, 0, 0
  local first, last = nil, nil
  for _, thread in ipairs(threads) do
    ok_sum = ok_sum + thread:get("ok")
    challenged_sum = challenged_sum + thread:get("challenged")
    other_sum = other_sum + thread:get("other")
    files_sum = files_sum + thread:get("files")
    local s, f = thread:get("started"), thread:get("finished")
    if s and (first == nil or s < first) then first = s end
    if f and (last == nil or f > last) then last = f end
  end
  local errors = summary.errors
  local seconds = summary.duration / 1e6
  -- In "once" mode the pass ends with the last thread, a little before wrk's own clock stops.
  if first and last then
    seconds = (last - first) / 1e6
  end
  local out = io.open(threads[1]:get("result_path") or "/dev/stdout", "w")
  local function kv(key, value)
    out:write(key, "=", tostring(value), "\n")
  end
  kv("requests", summary.requests)
  kv("seconds", string.format("%.3f", seconds))
  kv("rps", string.format("%.1f", summary.requests / seconds))
  kv("ok", ok_sum)
  kv("challenged", challenged_sum)
  kv("other", other_sum)
  kv("files", files_sum)
  kv("p50_ms", string.format("%.3f", latency:percentile(50) / 1000))
  kv("p90_ms", string.format("%.3f", latency:percentile(90) / 1000))
  kv("p99_ms", string.format("%.3f", latency:percentile(99) / 1000))
  kv("max_ms", string.format("%.3f", latency.max / 1000))
  kv("errors_connect", errors.connect)
  kv("errors_read", errors.read)
  kv("errors_write", errors.write)
  kv("errors_timeout", errors.timeout)
  kv("errors_status", errors.status)
  out:close()
end
