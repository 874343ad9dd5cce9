-- GET of the URL given to wrk, with the headers of BENCH_HEADER ("Name: value") when set.
local header = os.getenv("BENCH_HEADER")
if header ~= nil and header ~= "" then
  local name, value = header:match("^([^:]+):%s*(.*)$")
  wrk.headers[name] = value
end
