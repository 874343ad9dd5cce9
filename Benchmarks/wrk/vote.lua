-- Durable votes: a random contribution, a random direction, the next contributor's token.
function request()
  local value = (math.random(2) == 1) and 1 or -1
  return wrk.format("PUT", "/api/contributions/" .. random_id() .. "/vote",
    { ["Authorization"] = "Bearer " .. next_token(), ["Content-Type"] = "application/json" },
    '{"value":' .. value .. '}')
end
