module example.com/cases/formats

go 1.22
