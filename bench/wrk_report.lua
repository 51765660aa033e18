-- wrk script for bench/pages.py: fixed headers from the environment, or a list of prepared requests
-- (one per line: METHOD, path, cookie, CSRF token and body, tab-separated) taken in turn by each
-- thread; prints one JSON line of figures when the run is done.

local prepared = {}
local position = 0
local counter = 0
local threads = {}

function setup(thread)
    counter = counter + 1
    thread:set("number", counter)
    table.insert(threads, thread)
end

function init(args)
    local host = os.getenv("WRK_HOST_HEADER")
    if host then wrk.headers["Host"] = host end
    wrk.headers["X-Forwarded-Proto"] = "https"
    local cookie = os.getenv("WRK_COOKIE")
    if cookie and cookie ~= "" then wrk.headers["Cookie"] = cookie end
    local path = os.getenv("WRK_REQUESTS")
    if path and path ~= "" then
        for line in io.lines(path) do
            local method, url, cookie_value, token, body = line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t([^\t]*)\t(.*)$")
            local headers = {
                ["Cookie"] = cookie_value,
                ["X-CSRFToken"] = token,
                ["Content-Type"] = "application/json",
                ["Referer"] = "https://" .. (host or "127.0.0.1") .. "/",
                ["X-Forwarded-Proto"] = "https",
            }
            if host then headers["Host"] = host end
            table.insert(prepared, wrk.format(method, url, headers, body))
        end
        -- Threads start at different places so two threads never send the same rating at once.
        position = math.floor((number - 1) * #prepared / 2)
    end
end

function request()
    if #prepared == 0 then return wrk.request() end
    position = position % #prepared + 1
    return prepared[position]
end

function done(summary, latency, requests)
    local e = summary.errors
    io.write(string.format(
        '{"requests": %d, "duration_us": %d, "bytes": %d, "connect_errors": %d, "read_errors": %d, ' ..
        '"write_errors": %d, "status_errors": %d, "timeouts": %d, "p50_us": %d, "p90_us": %d, "p99_us": %d, ' ..
        '"max_us": %d}\n',
        summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
        latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
