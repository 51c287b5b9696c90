module example.com/cases/lint-shapes

go 1.22
