"""The office calendar: hours, holidays, cuti bersama and working-time arithmetic."""
