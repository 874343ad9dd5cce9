-- The mixed minute: 90% reads (top, random, one contribution), 9% votes, 1% posts. Needs post.lua first.
function request()
  local r = math.random(1000)
  if r <= 450 then
    return wrk.format("GET", "/api/campaigns/" .. slug .. "/contributions?sort=top&limit=50")
  elseif r <= 720 then
    return wrk.format("GET", "/api/campaigns/" .. slug .. "/contributions?sort=random&limit=50",
      { ["Authorization"] = "Bearer " .. next_token() })
  elseif r <= 900 then
    return wrk.format("GET", "/api/contributions/" .. random_id())
  elseif r <= 990 then
    local value = (math.random(2) == 1) and 1 or -1
    return wrk.format("PUT", "/api/contributions/" .. random_id() .. "/vote",
      { ["Authorization"] = "Bearer " .. next_token(), ["Content-Type"] = "application/json" },
      '{"value":' .. value .. '}')
  end
  return post_request()
end
