-- sort=random pages for many different contributors: each request carries the next Bearer token.
function request()
  return wrk.format("GET", "/api/campaigns/" .. slug .. "/contributions?sort=random&limit=50",
    { ["Authorization"] = "Bearer " .. next_token() })
end
