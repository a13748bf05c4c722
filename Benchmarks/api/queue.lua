-- wrk: GET /api/tickets (a page of the queue, in SLA order). Set TOKEN, and QUERY (default "limit=50": an agent's
-- first page; "user_id=…" with the bot's token lists one user's tickets, as the bot does).
function init(args)
  local query = os.getenv("QUERY")
  if query == nil or query == "" then query = "limit=50" end
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
  wrk.path = "/api/tickets?" .. query
end
