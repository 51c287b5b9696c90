module example.com/cases/files

go 1.22
