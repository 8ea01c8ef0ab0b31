dofile("bench/lib/headers.lua")
