-- wrk: GET /api/tickets (the queue's first page, in SLA order) as an agent. Set TOKEN, and LIMIT (default 50).
function init(args)
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
  wrk.path = "/api/tickets?limit=" .. (os.getenv("LIMIT") or "50")
end
