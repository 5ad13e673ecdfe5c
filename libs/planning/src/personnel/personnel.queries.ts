import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PersonView, SecondmentView } from './personnel.dto';
import { mapPerson, mapSecondment } from './personnel.mapper';
import { allPeople, findPersonOrFail } from './person.repository';
import { allSecondments } from './secondment.repository';

@Injectable()
export class PersonnelQueries {
  constructor(private readonly dataSource: DataSource) {}

  async people(): Promise<PersonView[]> {
    return (await allPeople(this.dataSource.manager)).map(mapPerson);
  }

  async person(id: string): Promise<PersonView> {
    return mapPerson(await findPersonOrFail(this.dataSource.manager, id));
  }

  /** Requests this node made (borrowing) and received (lending), oldest first. */
  async secondments(): Promise<SecondmentView[]> {
    return (await allSecondments(this.dataSource.manager)).map(mapSecondment);
  }
}
