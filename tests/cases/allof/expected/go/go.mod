module example.com/cases/allof

go 1.22
