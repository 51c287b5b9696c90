module example.com/cases/int64

go 1.22
