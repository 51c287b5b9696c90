module example.com/cases/deep-data

go 1.22
