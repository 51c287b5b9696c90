module example.com/cases/names

go 1.22
