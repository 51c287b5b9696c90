module example.com/cases/enums

go 1.22
