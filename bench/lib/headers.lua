-- The seven credential headers, read from the file the harness wrote (one "Name: value" per line).
for line in io.lines(os.getenv("HEADERS_FILE")) do
    local name, value = line:match("^([^:]+):%s*(.*)$")
    if name then
        wrk.headers[name] = value
    end
end
wrk.headers["Content-Type"] = "application/json"
