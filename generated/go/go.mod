module example.com/tams/credits

go 1.22
