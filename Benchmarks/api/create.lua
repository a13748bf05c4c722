-- wrk: POST /api/tickets as the bot, French text and emoji, one of six categories and four priorities.
-- Set TOKEN in the environment. If IDS_FILE is set, every 201-answered ticket id is appended to IDS_FILE.<thread>.
local categories = {"general", "billing", "technical", "bug_report", "account", "suggestion"}
local priorities = {"critical", "high", "medium", "low"}
local counter = 0
local threads = 0
local out = nil

function setup(thread)
  threads = threads + 1
  thread:set("thread_id", threads)
end

function init(args)
  wrk.method = "POST"
  wrk.path = "/api/tickets"
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
  wrk.headers["Content-Type"] = "application/json"
  local file = os.getenv("IDS_FILE")
  if file then out = io.open(file .. "." .. thread_id, "a") end
end

function request()
  counter = counter + 1
  local body = string.format(
    '{"user_id": "%d", "category": "%s", "priority": "%s", "subject": "Paiement refusé n°%d", ' ..
    '"description": "Ma carte Visa est refusée depuis hier 😕 — pouvez-vous vérifier ? (requête %d)"}',
    100000000000000000 + (counter % 5000), categories[counter % 6 + 1], priorities[counter % 4 + 1], counter, counter)
  return wrk.format(nil, nil, nil, body)
end

function response(status, headers, body)
  if out and status == 201 then
    local id = string.match(body, '"ticket_id":"(TKT%w+)"')
    if id then
      out:write(id, "\n")
      out:flush()
    end
  end
end
