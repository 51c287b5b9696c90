module example.com/cases/external-refs

go 1.22
