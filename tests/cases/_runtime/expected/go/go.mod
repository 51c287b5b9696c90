module example.com/cases/runtime

go 1.22
