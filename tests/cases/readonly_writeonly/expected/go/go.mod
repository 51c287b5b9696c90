module example.com/cases/readonly-writeonly

go 1.22
