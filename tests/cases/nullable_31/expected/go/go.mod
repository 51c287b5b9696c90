module example.com/cases/nullable-31

go 1.22
