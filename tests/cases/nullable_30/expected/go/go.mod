module example.com/cases/nullable-30

go 1.22
