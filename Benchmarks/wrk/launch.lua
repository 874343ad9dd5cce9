-- Launch morning: new people join and take their first look. Each join's token is queued, and the
-- next requests are that newcomer's first reads (the top 50, a random page, one contribution),
-- so the load is joins and the reads of people the server has never seen, in a ratio of 1 to 3.
local newcomers = {}
local first_reads = { "top", "random", "one" }

function request()
  local newcomer = newcomers[1]
  if newcomer == nil then
    return wrk.format("POST", "/api/campaigns/" .. slug .. "/join", { ["Content-Type"] = "application/json" }, "{}")
  end
  local read = first_reads[newcomer.next]
  newcomer.next = newcomer.next + 1
  if newcomer.next > #first_reads then table.remove(newcomers, 1) end
  local auth = { ["Authorization"] = "Bearer " .. newcomer.token }
  if read == "top" then
    return wrk.format("GET", "/api/campaigns/" .. slug .. "/contributions?sort=top&limit=50", auth)
  elseif read == "random" then
    return wrk.format("GET", "/api/campaigns/" .. slug .. "/contributions?sort=random&limit=50", auth)
  end
  return wrk.format("GET", "/api/contributions/" .. random_id(), auth)
end

joins = 0

function response(status, headers, body)
  if status ~= 201 then return end
  local token = string.match(body, '"token":"([^"]+)"')
  if token then
    joins = joins + 1
    newcomers[#newcomers + 1] = { token = token, next = 1 }
  end
end
