-- Posting: contributions and comments in turn, each by the next contributor.
local words = { "buses", "parks", "lighting", "housing", "libraries", "crossings", "trees", "clinics", "markets" }

function post_body()
  counter = counter + 1
  local a = words[counter % #words + 1]
  local b = words[(counter * 7) % #words + 1]
  return "Load test idea " .. counter .. ": we should improve the " .. a .. " and the " .. b ..
    " in every neighbourhood, because people have asked for it for years and other towns have shown it works."
end

function post_request()
  local headers = { ["Authorization"] = "Bearer " .. next_token(), ["Content-Type"] = "application/json" }
  if counter % 2 == 0 then
    return wrk.format("POST", "/api/campaigns/" .. slug .. "/contributions", headers,
      '{"questionId":' .. question_id .. ',"body":"' .. post_body() .. '"}')
  end
  return wrk.format("POST", "/api/contributions/" .. random_id() .. "/comments", headers,
    '{"body":"' .. post_body() .. '"}')
end

request = post_request
